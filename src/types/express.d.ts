import type { Role } from '../modules/auth/roles';

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
