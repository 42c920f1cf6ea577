import { PageHeader } from '../../ui/components.js';

export default function ApiKeysPage(_: { params: Record<string, string> }) {
  return <PageHeader title="ApiKeysPage" />;
}
