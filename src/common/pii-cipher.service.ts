import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { deriveCipherKey, isSealed, open, seal } from './field-cipher';

/**
 * Encryption at rest of personal originals (the unmasked text of a message), with the key
 * derived from PII_ENCRYPTION_KEY. `recordId` binds each value to its record.
 */
@Injectable()
export class PiiCipherService {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = deriveCipherKey(config.PII_ENCRYPTION_KEY, 'message-originals');
  }

  seal(plain: string, recordId: string): string {
    return seal(plain, this.key, recordId);
  }

  /** A value written before encryption at rest existed is returned as it was stored. */
  open(stored: string, recordId: string): string {
    return isSealed(stored) ? open(stored, this.key, recordId) : stored;
  }
}
