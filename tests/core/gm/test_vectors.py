"""The standards' own examples: SM3 (GB/T 32905), SM4 (GB/T 32907, RFC 8998 and the SM4-CTR example of
draft-ribose-cfrg-sm4), SM2 signature and encryption (GB/T 32918.5 Annex A, fixed key and k)."""

from __future__ import annotations

import io

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.services.gm import sm2
from desktop.services.gm.symmetric import Sm3, Sm4Ctr, sm3, sm3_stream, sm4_ctr, sm4_ctr_stream
from tests.core.gm.conftest import STANDARD_K

h = bytes.fromhex
SM4_KEY = h("0123456789abcdeffedcba9876543210")


def test_sm3_abc() -> None:
    assert sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm3_64_bytes() -> None:
    assert sm3(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_sm3_streamed_in_odd_chunks_equals_one_shot() -> None:
    data = bytes(range(256)) * 1000
    assert sm3_stream(io.BytesIO(data), chunk=997) == sm3(data)
    incremental = Sm3()
    incremental.update(data[:5])
    assert incremental.hexdigest() == sm3(data[:5]).hex()  # digest() does not end the hash
    incremental.update(data[5:])
    assert incremental.digest() == sm3(data)


def test_sm4_single_block() -> None:
    # GB/T 32907 Annex A example 1: key = plaintext = 0123...3210. CTR's first keystream block is E(K, iv),
    # so encrypting 16 zero bytes with iv = the plaintext gives the block cipher's output.
    assert sm4_ctr(SM4_KEY, SM4_KEY, bytes(16)).hex() == "681edf34d206965e86b3e94f536e4246"


def test_sm4_a_million_times() -> None:
    # GB/T 32907 Annex A example 2: the block encrypted 1,000,000 times under the same key.
    block = SM4_KEY
    encryptor = Cipher(algorithms.SM4(SM4_KEY), modes.ECB()).encryptor()
    for _ in range(1_000_000):
        block = encryptor.update(block)
    assert block.hex() == "595298c7c6fd271f0402f804c33d3f66"


def test_sm4_ctr_example() -> None:
    plain = h("aa" * 8 + "bb" * 8 + "cc" * 8 + "dd" * 8 + "ee" * 8 + "ff" * 8 + "aa" * 8 + "bb" * 8)
    iv = h("000102030405060708090a0b0c0d0e0f")
    expected = (
        "ac3236cb970cc20791364c395a1342d1a3cbc1878c6f30cd074cce385cdd70c7"
        "f234bc0e24c11980fd1286310ce37b926e02fcd0faa0baf38b2933851d824514"
    )
    assert sm4_ctr(SM4_KEY, iv, plain).hex() == expected
    assert sm4_ctr(SM4_KEY, iv, h(expected)) == plain


def test_sm4_gcm_rfc8998() -> None:
    # RFC 8998 Appendix A.1: the SM4 cipher this package's CTR runs on, checked through the RFC's GCM example.
    encryptor = Cipher(algorithms.SM4(SM4_KEY), modes.GCM(h("00001234567800000000abcd"))).encryptor()
    encryptor.authenticate_additional_data(h("feedfacedeadbeeffeedfacedeadbeefabaddad2"))
    plain = h("aa" * 8 + "bb" * 8 + "cc" * 8 + "dd" * 8 + "ee" * 8 + "ff" * 8 + "ee" * 8 + "aa" * 8)
    cipher = encryptor.update(plain) + encryptor.finalize()
    assert cipher.hex() == (
        "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
        "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d"
    )
    assert encryptor.tag.hex() == "83de3541e4c2b58177e065a9bf7b62ec"


def test_sm4_ctr_stream_and_offsets_match_one_shot() -> None:
    data = bytes(range(251)) * 200
    iv = h("00112233445566778899aabbccddeeff")
    whole = sm4_ctr(SM4_KEY, iv, data)
    out = io.BytesIO()
    written, digest = sm4_ctr_stream(SM4_KEY, iv, io.BytesIO(data), out, chunk=1000)
    assert (out.getvalue(), written, digest) == (whole, len(data), sm3(whole))
    for offset in (0, 1, 15, 16, 17, 4097):  # a part of a long stream, decrypted on its own
        assert Sm4Ctr(SM4_KEY, iv, offset).update(whole[offset:]) == data[offset:]


def test_sm2_signature_with_the_standards_key_and_k(standard_key: sm2.PrivateKey) -> None:
    assert standard_key.public.point.hex() == (
        "04"
        "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
        "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"
    )
    signature = sm2.sign(standard_key, b"message digest", rnd=lambda _bits: STANDARD_K)
    r = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
    s = "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa"
    assert signature.hex() == f"3046022100{r}022100{s}"  # DER SEQUENCE { INTEGER r, INTEGER s }
    assert sm2.verify(standard_key.public, b"message digest", signature)
    assert not sm2.verify(standard_key.public, b"message digesT", signature)
    assert not sm2.verify(standard_key.public, b"message digest", signature, uid=b"ALICE123@YAHOO.COM")


def test_sm2_encryption_with_the_standards_key_and_k(standard_key: sm2.PrivateKey) -> None:
    wrapped = sm2.encrypt(standard_key.public, b"encryption standard", rnd=lambda _bits: STANDARD_K)
    assert wrapped.hex() == (
        "307c"
        "022004ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73"
        "022100e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0"
        "042059983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766"
        "041321886ca989ca9c7d58087307ca93092d651efa"
    )
    assert sm2.decrypt(standard_key, wrapped) == b"encryption standard"


def test_sm2_nonces_are_fresh_each_time(standard_key: sm2.PrivateKey) -> None:
    first, second = sm2.sign(standard_key, b"same"), sm2.sign(standard_key, b"same")
    assert first != second  # a repeated k would give away the private key
    assert sm2.verify(standard_key.public, b"same", first) and sm2.verify(standard_key.public, b"same", second)
    assert sm2.encrypt(standard_key.public, b"k" * 16) != sm2.encrypt(standard_key.public, b"k" * 16)
