import { PageHeader } from '../ui/components.js';

export default function JobsPage(_: { params: Record<string, string> }) {
  return <PageHeader title="JobsPage" />;
}
