import { PageHeader } from '../../ui/components.js';

export default function GroupsPage(_: { params: Record<string, string> }) {
  return <PageHeader title="GroupsPage" />;
}
