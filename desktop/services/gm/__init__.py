"""The 国密 suite's primitives (SM2, SM3, SM4) and key files, Qt-free, checked against OpenSSL 3.

- `symmetric`: SM3 (streamed), SM4-CTR (streamed, OpenSSL's 128-bit counter), `SM3SUMS` lines.
- `sm2`: key pairs, signatures (signer ID 1234567812345678, DER), key wrap (GM/T 0009 DER, C1C3C2).
- `keyfiles`: PEM SubjectPublicKeyInfo, passphrase-protected PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, SM4-CBC),
  `.pub` files with one or two keys.
"""
