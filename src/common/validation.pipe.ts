import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {});
    return [
      ...own.map((c) =>
        c.startsWith(e.property) ? `${prefix ? prefix + '.' : ''}${c}` : `${path}: ${c}`,
      ),
      ...describe(e.children ?? [], path),
    ];
  });
}

/**
 * The one validation pipe of every edge: unknown fields are refused, not ignored, so a client
 * learns about a typo instead of losing data silently. Also used on socket payloads, where a
 * non-object payload (a bare string, a number) is refused too.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainError('VALIDATION', describe(errors).join('; ') || 'Invalid payload'),
  });
}
