import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '@catalyst/common';

export class ExplorationDefaultView {
  @ApiProperty({ type: MoneyDto })
  value: MoneyDto;

  @ApiProperty()
  days: number;
}

export class AcceleratorDefaultView {
  @ApiProperty({ type: MoneyDto })
  value: MoneyDto;
}

export class ContractDefaultsView {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ description: 'The programme’s currency' })
  currency: string;

  @ApiProperty({ type: ExplorationDefaultView, nullable: true })
  exploration: ExplorationDefaultView | null;

  @ApiProperty({ type: AcceleratorDefaultView, nullable: true })
  accelerator: AcceleratorDefaultView | null;

  @ApiProperty({ description: '0 until set; send back in If-Match' })
  version: number;
}
