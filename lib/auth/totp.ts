import "server-only";
import crypto from "node:crypto";
import { symmetricDecrypt } from "better-auth/crypto";
import type { Database } from "@/lib/db";
import { authSecretFor } from "./server";

/** RFC 6238 as Better Auth's two-factor plugin configures it: SHA-1, 6 digits, 30-second steps, ±1 step. */
const PERIOD_MS = 30_000;
const WINDOW = 1;

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * Marks the time step of a code that Better Auth has just accepted as used, and answers false when
 * that step (or a later one) was used before: RFC 6238 §5.2 says a verifier must not accept the second
 * attempt of an OTP after the first succeeded. The update is conditional, so two requests racing with
 * the same code cannot both win.
 */
export async function claimTotpStep(db: Database, userId: string, code: string, now = Date.now()): Promise<boolean> {
  const factor = await db.prisma.twoFactor.findFirst({ where: { userId }, select: { secret: true } });
  if (!factor) return false;
  const plain = await symmetricDecrypt({ key: await authSecretFor(db), data: factor.secret });
  // Secrets imported from elsewhere are stored as "base32:…"; ours are used as their UTF-8 bytes.
  const key = plain.startsWith("base32:") ? base32Decode(plain.slice(7)) : Buffer.from(plain, "utf8");
  const current = Math.floor(now / PERIOD_MS);
  let step: number | undefined;
  for (let i = -WINDOW; i <= WINDOW; i++) if (crypto.timingSafeEqual(Buffer.from(hotp(key, current + i)), Buffer.from(code.padEnd(6).slice(0, 6)))) step = current + i;
  if (step === undefined) return false;
  const { count } = await db.prisma.user.updateMany({ where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
  return count === 1;
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.toUpperCase().replace(/=+$/, "")) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}
