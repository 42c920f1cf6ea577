import { PageHeader } from '../ui/components.js';

export default function QuantumPage(_: { params: Record<string, string> }) {
  return <PageHeader title="QuantumPage" />;
}
