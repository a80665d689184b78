import { Injectable } from '@nestjs/common';
import { personalRef } from '../common/pii-masker';
import { AppConfig } from '../config/app-config';

/** Keyed references to personal numbers (see personalRef): one key, from the configuration. */
@Injectable()
export class PersonalRefService {
  constructor(private readonly config: AppConfig) {}

  of(digits: string): string {
    return personalRef(digits, this.config.PII_REF_SECRET);
  }
}
