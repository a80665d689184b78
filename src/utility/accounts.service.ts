import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isValidAccountNumber } from '../nlu/account-number';
import { Account } from './account.schema';
import { Customer } from './customer.schema';
import { AccountView, CustomerView, toAccountView, toCustomerView } from './utility.views';

/** Throws VALIDATION for a malformed number, so callers never query with a stranger's typo. */
export function assertAccountNumber(accountNumber: string): void {
  if (!isValidAccountNumber(accountNumber)) {
    throw new DomainError('VALIDATION', 'not a valid account number');
  }
}

/** Customers and their accounts: where a real utility plugs in its customer-information system. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @InjectModel(Customer.name) private readonly customers: Model<Customer>,
  ) {}

  async findByAccountNumber(accountNumber: string): Promise<AccountView | null> {
    assertAccountNumber(accountNumber);
    const account = await this.accounts.findOne({ accountNumber }).lean<Account>();
    return account ? toAccountView(account) : null;
  }

  /** Every account of the customer who holds `accountNumber` (for "the other account"). */
  async listSiblingAccounts(accountNumber: string): Promise<AccountView[]> {
    assertAccountNumber(accountNumber);
    const account = await this.accounts.findOne({ accountNumber }).lean<Account>();
    return account ? this.listAccountsOfCustomer(account.customerNo) : [];
  }

  async listAccountsOfCustomer(customerNo: string): Promise<AccountView[]> {
    const accounts = await this.accounts
      .find({ customerNo })
      .sort({ accountNumber: 1 })
      .lean<Account[]>();
    return accounts.map(toAccountView);
  }

  /** Accounts registered with a phone number; at most 20, a phone is not a search tool. */
  async listAccountsByPhone(phone: string): Promise<AccountView[]> {
    if (!/^\d{11}$/.test(phone)) throw new DomainError('VALIDATION', 'not a valid phone number');
    const accounts = await this.accounts
      .find({ phone })
      .sort({ accountNumber: 1 })
      .limit(20)
      .lean<Account[]>();
    return accounts.map(toAccountView);
  }

  async findCustomer(customerNo: string): Promise<CustomerView | null> {
    const customer = await this.customers.findOne({ customerNo }).lean<Customer>();
    return customer ? toCustomerView(customer) : null;
  }

  /**
   * The identity check: the last four digits of the account's registered phone. Returns false for
   * an unknown account too, so an answer never tells whether an account exists.
   */
  async verifyPhoneLast4(accountNumber: string, last4: string): Promise<boolean> {
    if (!isValidAccountNumber(accountNumber) || !/^\d{4}$/.test(last4)) return false;
    const account = await this.accounts.findOne({ accountNumber }).lean<Account>();
    return account !== null && account.phone.endsWith(last4);
  }
}
