import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { Role } from './staff.schema';

const ROLES_KEY = 'roles';

/** Marks an HTTP handler (or controller) as open only to these staff roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal };

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Bearer-token check for HTTP: 401 without a valid session, 403 with the wrong role. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.auth.authenticate(bearerToken(request));
    if (!roles.includes(principal.role)) {
      throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may do this`);
    }
    request.principal = principal;
    return true;
  }
}
