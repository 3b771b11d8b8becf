import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '@catalyst/common';

export class CurrencyTotalsView {
  @ApiProperty()
  currency: string;

  @ApiProperty()
  contracts: number;

  @ApiProperty({ type: MoneyDto, description: 'Current values (after amendments)' })
  value: MoneyDto;

  @ApiProperty({
    type: MoneyDto,
    description: 'Of which won from buyers other than the company’s sponsor',
  })
  valueFromOtherBuyers: MoneyDto;

  @ApiProperty({ description: 'valueFromOtherBuyers ÷ value, 0…1 (0 when nothing is counted)' })
  shareFromOtherBuyers: number;
}

export class ContractTotalsView {
  @ApiProperty({ enum: ['round', 'sponsor', 'buyer'] })
  scope: 'round' | 'sponsor' | 'buyer';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: [String], description: 'The contract kinds counted' })
  kinds: string[];

  @ApiProperty({ description: 'Contracts counted, all currencies' })
  contracts: number;

  @ApiProperty({ description: 'Distinct buyers' })
  buyers: number;

  @ApiProperty({ description: 'Contracts won from buyers other than the company’s sponsor' })
  contractsFromOtherBuyers: number;

  @ApiProperty({
    type: [CurrencyTotalsView],
    description: 'One entry per currency; never added across currencies',
  })
  byCurrency: CurrencyTotalsView[];
}

export class OrganisationContractTotalsView {
  @ApiProperty({
    type: ContractTotalsView,
    description: 'Contracts its cohort companies won (as a sponsor)',
  })
  asSponsor: ContractTotalsView;

  @ApiProperty({ type: ContractTotalsView, description: 'Contracts it awarded (as a buyer)' })
  asBuyer: ContractTotalsView;
}
