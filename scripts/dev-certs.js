/**
 * The development certificates for https://localhost:3000, as office-addin-dev-certs lays them
 * out: ~/.office-addin-dev-certs/{ca.crt,localhost.crt,localhost.key} (DEV_CERTS_DIR overrides
 * the folder). The files are read directly: the package's getHttpsServerOptions() also insists
 * that the CA is trusted by the system, which fails where it cannot install it (no sudo, CI).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

function certificateDirectory() {
  return process.env.DEV_CERTS_DIR || path.join(os.homedir(), ".office-addin-dev-certs");
}

function certificatePaths(dir = certificateDirectory()) {
  return {
    dir,
    ca: path.join(dir, "ca.crt"),
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
  };
}

/** { ca, cert, key } buffers for an https server, or null when the files are not all there. */
function readCertificates(dir = certificateDirectory()) {
  const paths = certificatePaths(dir);
  if (![paths.ca, paths.cert, paths.key].every((file) => fs.existsSync(file))) return null;
  return { ca: fs.readFileSync(paths.ca), cert: fs.readFileSync(paths.cert), key: fs.readFileSync(paths.key) };
}

/**
 * Creates the certificates (without trying to trust the CA: that needs admin rights and is the
 * job of `npx office-addin-dev-certs install`). Returns the paths.
 */
async function generateCertificates(dir = certificateDirectory()) {
  const paths = certificatePaths(dir);
  const devCerts = require("office-addin-dev-certs");
  await devCerts.generateCertificates(paths.ca, paths.cert, paths.key);
  return paths;
}

module.exports = { certificateDirectory, certificatePaths, readCertificates, generateCertificates };
