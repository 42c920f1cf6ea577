import { PageHeader } from '../ui/components.js';

export default function InstancePage(_: { params: Record<string, string> }) {
  return <PageHeader title="InstancePage" />;
}
