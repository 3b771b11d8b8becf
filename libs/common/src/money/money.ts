import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min, Validate, ValidatorConstraint } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return CURRENCIES.has(code);
}

@ValidatorConstraint({ name: 'isoCurrency' })
class IsoCurrency implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCurrencyCode(value);
  }
  defaultMessage(): string {
    return 'currency must be an ISO 4217 code such as GBP, EUR or USD';
  }
}

/** Money on the wire: integer minor units plus an ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ example: 6500000, description: 'Integer amount in minor units (pence, cents)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @ApiProperty({ example: 'GBP' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be three capital letters (ISO 4217)' })
  @Validate(IsoCurrency)
  currency: string;
}

export interface Money {
  amountMinor: number;
  currency: string;
}
