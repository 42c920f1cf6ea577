import { PageHeader } from '../../ui/components.js';

export default function RolesPage(_: { params: Record<string, string> }) {
  return <PageHeader title="RolesPage" />;
}
