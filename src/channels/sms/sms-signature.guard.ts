import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { verifySms } from './sms-signature';

/** Only the gateway holding the shared secret may post texts; checked before the body is read. */
@Injectable()
export class SmsSignatureGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.SMS_WEBHOOK_SECRET)
      throw new DomainError('NOT_FOUND', 'The SMS channel is not configured');
    const request = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    const verdict = verifySms(
      this.config.SMS_WEBHOOK_SECRET,
      request.header('x-sms-timestamp'),
      request.header('x-sms-signature'),
      request.rawBody,
    );
    if (verdict === 'ok') return true;
    throw new DomainError(
      'UNAUTHENTICATED',
      verdict === 'stale'
        ? 'The request is too old or its timestamp is malformed'
        : 'The request signature is missing or wrong',
    );
  }
}
