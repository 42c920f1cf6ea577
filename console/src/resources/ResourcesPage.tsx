import { PageHeader } from '../ui/components.js';

export default function ResourcesPage(_: { params: Record<string, string> }) {
  return <PageHeader title="ResourcesPage" />;
}
