/**
 * A child process for the signal tests: starts a safe write whose source sends one chunk and
 * then waits forever, prints "ready" once the temporary file holds that chunk, and waits to be
 * interrupted.
 */
import fs from "fs";
import path from "path";
import { Readable } from "stream";
import { writeFileSafely } from "../../../src/workbook/node-write";

const target = process.argv[2];
const source = new Readable({ read() {} });
source.push(Buffer.alloc(64 * 1024, 1));
void writeFileSafely(target, source);
const timer = setInterval(() => {
  const dir = path.dirname(target);
  const tmp = fs.readdirSync(dir).find((f) => f.endsWith(".tmp"));
  if (tmp && fs.statSync(path.join(dir, tmp)).size > 0) {
    clearInterval(timer);
    process.stdout.write(`ready ${tmp}\n`);
    setInterval(() => undefined, 1000);
  }
}, 10);
