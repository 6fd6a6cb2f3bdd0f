/**
 * OLE compound files (MS-CFB). Legacy .xls/.doc live in them, and so does every
 * password-protected OOXML file: Office wraps the encrypted zip in a CFB with
 * `EncryptionInfo` and `EncryptedPackage` streams (MS-OFFCRYPTO 2.3.4.1).
 */
const CFB_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');
// Directory entry names are stored in UTF-16LE; a byte search is enough to spot them.
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

export function isOleContainer(data: Buffer): boolean {
  return data.length >= 512 && data.subarray(0, 8).equals(CFB_MAGIC);
}

/** True for an OLE container holding an encrypted OOXML package. */
export function isEncryptedOoxml(data: Buffer): boolean {
  return isOleContainer(data) && data.includes(ENCRYPTED_PACKAGE) && data.includes(ENCRYPTION_INFO);
}
