import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A customer message the bot did not understand (masked), for "what the bot failed on". */
@Schema({ collection: 'bot_misses' })
export class BotMiss {
  /** The customer message's id: recording a miss twice keeps one. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  conversationId: string;

  @Prop({ required: true })
  text: string;

  @Prop({ type: String, required: true })
  language: 'zh' | 'en';

  @Prop({ required: true })
  intent: string;

  @Prop({ required: true })
  confidence: number;

  @Prop({ required: true })
  day: string;
}

export const BotMissSchema = SchemaFactory.createForClass(BotMiss);
