import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const SERVICE_REQUEST_TYPES = [
  'start_service',
  'stop_service',
  'transfer_service',
  'contact_update',
  'meter_check',
  'solar_connection',
  'outage_report',
  'billing_arrangement',
] as const;
export type ServiceRequestType = (typeof SERVICE_REQUEST_TYPES)[number];

export const SERVICE_REQUEST_STATUSES = [
  'received',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

@Schema({ collection: 'utility_service_requests' })
export class ServiceRequest {
  /**
   * What the customer quotes later, e.g. `SR250615-483920`. Unique: the insert is the only atomic
   * operation FerretDB offers, so a clash is detected by the index and retried with a new number.
   */
  @Prop({ required: true, unique: true })
  reference: string;

  @Prop({ type: String, required: true, enum: SERVICE_REQUEST_TYPES })
  type: ServiceRequestType;

  @Prop({ type: String, required: true, enum: SERVICE_REQUEST_STATUSES })
  status: ServiceRequestStatus;

  @Prop()
  accountNumber?: string;

  @Prop()
  districtCode?: string;

  @Prop()
  feederId?: string;

  @Prop()
  contactPhone?: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  /** The conversation the request came from, if any (kept as a string: no cross-module refs). */
  @Prop()
  conversationId?: string;

  /** Free-form answers the dialogue gathered (new phone, move-out date, ...). */
  @Prop({ type: Object, default: {} })
  details: Record<string, string>;

  @Prop({ required: true })
  createdAt: Date;
}

export type ServiceRequestDocument = HydratedDocument<ServiceRequest>;
export const ServiceRequestSchema = SchemaFactory.createForClass(ServiceRequest);
ServiceRequestSchema.index({ accountNumber: 1, createdAt: -1 });
