import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsUUID, validateSync } from 'class-validator';
import { IsOptionalNotNull } from './optional-not-null';

class Example {
  @IsOptionalNotNull()
  @IsUUID()
  organisationId?: string;
}

const problems = (plain: object) =>
  validateSync(plainToInstance(Example, plain)).map((e) => e.property);

describe('IsOptionalNotNull', () => {
  it('lets an absent field through and checks a given one', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ organisationId: '0b3c3a57-2f1c-4d4e-9a43-0f3e6c0e9a11' })).toEqual([]);
    expect(problems({ organisationId: 'nope' })).toEqual(['organisationId']);
  });

  it('refuses null, which @IsOptional would let through unchecked', () => {
    expect(problems({ organisationId: null })).toEqual(['organisationId']);
  });
});
