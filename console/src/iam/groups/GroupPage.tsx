import { PageHeader } from '../../ui/components.js';

export default function GroupPage(_: { params: Record<string, string> }) {
  return <PageHeader title="GroupPage" />;
}
