import { PageHeader } from '../../ui/components.js';

export default function ServiceIdsPage(_: { params: Record<string, string> }) {
  return <PageHeader title="ServiceIdsPage" />;
}
