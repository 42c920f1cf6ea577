import { PageHeader } from '../../ui/components.js';

export default function AuditPage(_: { params: Record<string, string> }) {
  return <PageHeader title="AuditPage" />;
}
