import type { Role } from '../generated/prisma/enums';

/** Who is acting: always taken from the session, never from a form. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export class NotSignedIn extends Error {
  constructor() {
    super('Sign in to do this.');
    this.name = 'NotSignedIn';
  }
}

export class NotAllowed extends Error {
  constructor(message = 'Your role does not allow this.') {
    super(message);
    this.name = 'NotAllowed';
  }
}

const RANK: Record<Role, number> = { EDITOR: 1, REVIEWER: 2, ADMIN: 3 };

/** Editor < reviewer < admin: each role may do what the ones below it may. */
export function hasRole(user: Pick<SessionUser, 'role'> | null, role: Role): boolean {
  return Boolean(user && RANK[user.role] >= RANK[role]);
}
