import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** A client or an open transaction: record helpers work inside either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Who made a change that no signed-in user made (the demo seed, a command-line import). */
export interface SystemActor {
  actor: string;
}
