import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The conversations of one day that contain one term: `_id` is `<term>|<YYYY-MM-DD>` (UTC day
 * the conversation started), so a query reads it by primary key, the one lookup FerretDB v1
 * pushes down to SQLite.
 */
@Schema({ collection: 'search_postings', versionKey: false })
export class SearchPosting {
  @Prop({ type: String, required: true })
  _id: string;

  /** Conversation ids (hex); ObjectIds sort by creation time, so sorted descending is newest first. */
  @Prop({ type: [String], default: [] })
  ids: string[];
}

/** The days on which a term has postings: a query walks only those, newest first. */
@Schema({ collection: 'search_terms', versionKey: false })
export class SearchTerm {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: [String], default: [] })
  days: string[];
}

export interface SearchTranscriptLine {
  seq: number;
  sender: string;
  text: string;
}

/**
 * The audit module's own summary of a conversation for result lists (status, customer, the first
 * lines for snippets): one read by id per result instead of a scan of the messages collection.
 * Texts arrive masked (personal data is masked at write time).
 */
@Schema({ collection: 'search_transcripts', versionKey: false })
export class SearchTranscript {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  createdAt: Date;

  @Prop({ type: String, required: true })
  language: string;

  @Prop({ type: String, required: true })
  status: string;

  @Prop({ type: String, required: true })
  channel: string;

  @Prop({ type: String })
  customerName?: string;

  @Prop({ type: [{ _id: false, seq: Number, sender: String, text: String }], default: [] })
  lines: SearchTranscriptLine[];
}

export const SearchPostingSchema = SchemaFactory.createForClass(SearchPosting);
export const SearchTermSchema = SchemaFactory.createForClass(SearchTerm);
export const SearchTranscriptSchema = SchemaFactory.createForClass(SearchTranscript);
