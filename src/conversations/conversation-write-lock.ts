import { Injectable } from '@nestjs/common';
import { KeyedMutex } from '../common/keyed-mutex';

/**
 * Serialises this process's writes to one conversation document (status, language, message
 * counter, the bot's recent turns). FerretDB v1 rewrites the whole document on each update, so
 * two concurrent updates of different fields could otherwise undo each other.
 */
@Injectable()
export class ConversationWriteLock extends KeyedMutex {}
