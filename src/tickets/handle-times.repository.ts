import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { HandleTimes } from './handle-times.schema';
import { Ticket } from './ticket.schema';

/** How many of the latest handle times the estimate averages. */
export const HANDLE_SAMPLE = 50;

const ID = 'recent';

/** The one door of `ticket_handle_times` (see handle-times.schema.ts). */
@Injectable()
export class HandleTimesRepository {
  constructor(
    @InjectModel(HandleTimes.name) private readonly times: Model<HandleTimes>,
    @InjectModel(Ticket.name) private readonly tickets: Model<Ticket>,
  ) {}

  /** Adds one handle time; atomic, so instances closing tickets at once all count. */
  async record(seconds: number): Promise<void> {
    await this.times.updateOne(
      { _id: ID },
      {
        $push: { seconds: { $each: [seconds], $slice: -HANDLE_SAMPLE } },
        $set: { updatedAt: new Date() },
      },
      { upsert: true },
    );
  }

  /**
   * The latest handle times. The first read after an upgrade (no document yet) takes them once
   * from the resolved tickets (a scan on mongo-java-server) and stores them; later reads are
   * one lookup by `_id`.
   */
  async latest(): Promise<number[]> {
    const found = await this.times.findById(ID).lean();
    if (found) return found.seconds;
    const resolved = await this.tickets
      .find({ status: 'resolved', handleSeconds: { $exists: true } }, { handleSeconds: 1 })
      .sort({ resolvedAt: -1 })
      .limit(HANDLE_SAMPLE)
      .lean();
    const seconds = resolved.map((t) => t.handleSeconds as number).reverse();
    // $setOnInsert: a ticket recorded meanwhile by another instance is not overwritten.
    await this.times.updateOne(
      { _id: ID },
      { $setOnInsert: { seconds, updatedAt: new Date() } },
      { upsert: true },
    );
    return seconds;
  }
}
