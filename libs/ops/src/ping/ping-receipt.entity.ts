import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The effect of a ping job: proof that a job went API → queue → worker → PostgreSQL. */
@Entity({ name: 'ping_receipts' })
export class PingReceipt {
  @PrimaryColumn('uuid')
  pingId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text' })
  handledBy: string;
}
