import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * Marks that the demo data was loaded. `key` is unique, so of two seeders racing only one claims
 * the database; the marker also remembers the parameters so a rerun with the same seed is a no-op.
 */
@Schema({ collection: 'utility_seeds' })
export class UtilitySeed {
  @Prop({ required: true, unique: true })
  key: string;

  @Prop({ required: true })
  seed: number;

  @Prop({ required: true })
  customers: number;

  @Prop({ required: true })
  now: Date;

  @Prop({ type: String, required: true, enum: ['seeding', 'complete'] })
  status: 'seeding' | 'complete';

  @Prop({ type: Object, default: {} })
  counts: Record<string, number>;
}

export type UtilitySeedDocument = HydratedDocument<UtilitySeed>;
export const UtilitySeedSchema = SchemaFactory.createForClass(UtilitySeed);
