import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const ROLES = ['agent', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** A person working the desk: an agent or a supervisor. */
@Schema({ collection: 'staff', timestamps: true })
export class Staff {
  @Prop({ required: true, unique: true })
  username: string;

  @Prop({ required: true })
  displayName: string;

  @Prop({ type: String, required: true, enum: ROLES })
  role: Role;

  /** scrypt: `salt:hash`, both hex. */
  @Prop({ required: true })
  passwordHash: string;

  @Prop({ type: [String], default: [] })
  languages: string[];

  @Prop({ type: [String], default: [] })
  skills: string[];

  /** Extra rights beyond the role: `unmask` (see personal numbers in transcripts, with a reason). */
  @Prop({ type: [String], default: [] })
  permissions: string[];

  /** Most chats at once; unset means DEFAULT_AGENT_CAPACITY. */
  @Prop()
  capacity?: number;
}

export type StaffDocument = HydratedDocument<Staff>;
export const StaffSchema = SchemaFactory.createForClass(Staff);

@Schema({ collection: 'sessions', timestamps: { createdAt: true, updatedAt: false } })
export class Session {
  /** sha256 of the bearer token (the token itself is never stored), as the primary key: each
   * authenticated request is then one lookup by id, which every store answers from its primary index. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  staffId: string;

  @Prop({ required: true })
  expiresAt: Date;
}

export const SessionSchema = SchemaFactory.createForClass(Session);
