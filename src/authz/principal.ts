/** Who is calling: established from a verified access token (or API key) on every request. */
export interface Principal {
  /** `QGid-…` for people, `iam-ServiceId-…` for service IDs. */
  readonly iamId: string;
  readonly accountId: string;
  readonly kind: 'user' | 'serviceid';
  /** Email for people, name for service IDs. */
  readonly name: string;
  readonly email: string | undefined;
  /** True for the account owner, who may do everything in the account. */
  readonly isOwner: boolean;
  /** The API key the token came from, if any (revoked with it). */
  readonly apiKeyId: string | undefined;
}
