import { PageHeader } from '../ui/components.js';

export default function JobPage(_: { params: Record<string, string> }) {
  return <PageHeader title="JobPage" />;
}
