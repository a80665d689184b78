import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Account, AccountSchema } from './account.schema';
import { AccountsService } from './accounts.service';
import { Bill, BillSchema } from './bill.schema';
import { BillsService } from './bills.service';
import { Customer, CustomerSchema } from './customer.schema';
import { MeterReading, MeterReadingSchema } from './meter-reading.schema';
import { Outage, OutageSchema } from './outage.schema';
import { OutagesService } from './outages.service';
import { Payment, PaymentSchema } from './payment.schema';
import { ServiceRequest, ServiceRequestSchema } from './service-request.schema';
import { ServiceRequestsService } from './service-requests.service';
import { TariffService } from './tariff.service';
import { UtilitySeed, UtilitySeedSchema } from './utility-seed.schema';
import { UtilitySeedService } from './utility-seed.service';

/**
 * The utility's own records. The services are the boundary a real utility replaces with adapters
 * to its customer-information and outage-management systems; the schemas stay private.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Customer.name, schema: CustomerSchema },
      { name: Account.name, schema: AccountSchema },
      { name: Bill.name, schema: BillSchema },
      { name: Payment.name, schema: PaymentSchema },
      { name: MeterReading.name, schema: MeterReadingSchema },
      { name: Outage.name, schema: OutageSchema },
      { name: ServiceRequest.name, schema: ServiceRequestSchema },
      { name: UtilitySeed.name, schema: UtilitySeedSchema },
    ]),
  ],
  providers: [
    AccountsService,
    BillsService,
    OutagesService,
    ServiceRequestsService,
    TariffService,
    UtilitySeedService,
  ],
  exports: [
    AccountsService,
    BillsService,
    OutagesService,
    ServiceRequestsService,
    TariffService,
    UtilitySeedService,
  ],
})
export class UtilityModule {}
