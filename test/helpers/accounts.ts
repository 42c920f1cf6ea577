/** A PHC string that verifies no password: accounts made in tests sign in with API keys only. */
export const hashPlaceholder = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000';
