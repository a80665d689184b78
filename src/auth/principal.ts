import { Role } from './staff.schema';

/** Who is calling, once their token has been checked. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  languages: string[];
  skills: string[];
  permissions: string[];
  capacity?: number;
}
