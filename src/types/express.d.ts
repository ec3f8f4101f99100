import type { Role } from '../lib/roles';

declare global {
  namespace Express {
    /** The authenticated caller, as the JWT strategy resolves it (see src/http/authenticate.ts). */
    interface User {
      id: string;
      email: string;
      role: Role;
      employeeId?: string | undefined;
    }
  }
}

export {};
