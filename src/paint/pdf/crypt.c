/* paint/pdf/crypt.c - AES-256 encryption, security handler revision 6
 * (ISO 32000-2 7.6.4), with nettle's SHA-2 and AES (the primitives come
 * from a maintained library; only the PDF key schedule is here).
 *
 * The file key and the salts are random (getrandom), as R6 intends, so an
 * encrypted file differs from run to run. Strings need no encryption of
 * their own: every string is in an object stream, which is encrypted as a
 * whole (PDF 7.5.7), and the Encrypt dictionary and xref stream are never
 * encrypted. Permissions: accessibility extraction is always allowed
 * (PDF/UA-1 7.16). */
#include "paint/pdf/pdf.h"

#include <guidepress/guidepress.h>

#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "base/alloc.h"

struct pdf_crypt {
    uint8_t key[32];
    uint8_t o[48], u[48], oe[32], ue[32], perms[16];
    int32_t p;
};

static int random_bytes(uint8_t *out, size_t n)
{
    while (n) {
        ssize_t k = getrandom(out, n, 0);
        if (k <= 0)
            return -1;
        out += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Algorithm 2.B: the R6 hash of a password with a salt and, for the owner
 * password, the 48-byte /U value. */
static int hash_2b(const uint8_t *pw, size_t pwlen, const uint8_t salt[8], const uint8_t *udata,
                   uint8_t out[32])
{
    size_t ulen = udata ? 48 : 0;
    uint8_t k[64];
    size_t klen = 32;
    struct sha256_ctx s256;
    sha256_init(&s256);
    sha256_update(&s256, pwlen, pw);
    sha256_update(&s256, 8, salt);
    if (ulen)
        sha256_update(&s256, ulen, udata);
    sha256_digest(&s256, 32, k);
    size_t cap = 64 * (pwlen + 64 + 48);
    uint8_t *k1 = gp_malloc(cap), *e = gp_malloc(cap);
    if (!k1 || !e) {
        gp_free(k1);
        gp_free(e);
        return -1;
    }
    for (int i = 1;; i++) {
        size_t one = pwlen + klen + ulen, len = 64 * one;
        for (int r = 0; r < 64; r++) {
            uint8_t *p = k1 + (size_t)r * one;
            memcpy(p, pw, pwlen);
            memcpy(p + pwlen, k, klen);
            if (ulen)
                memcpy(p + pwlen + klen, udata, ulen);
        }
        struct aes128_ctx aes;
        aes128_set_encrypt_key(&aes, k);
        uint8_t iv[16];
        memcpy(iv, k + 16, 16);
        cbc_encrypt(&aes, (nettle_cipher_func *)aes128_encrypt, 16, iv, len, e, k1);
        unsigned sum = 0;
        for (int j = 0; j < 16; j++)
            sum += e[j];
        switch (sum % 3) {
        case 0: {
            struct sha256_ctx c;
            sha256_init(&c);
            sha256_update(&c, len, e);
            sha256_digest(&c, 32, k);
            klen = 32;
            break;
        }
        case 1: {
            struct sha384_ctx c;
            sha384_init(&c);
            sha384_update(&c, len, e);
            sha384_digest(&c, 48, k);
            klen = 48;
            break;
        }
        default: {
            struct sha512_ctx c;
            sha512_init(&c);
            sha512_update(&c, len, e);
            sha512_digest(&c, 64, k);
            klen = 64;
            break;
        }
        }
        if (i >= 64 && e[len - 1] <= i - 32)
            break;
    }
    memcpy(out, k, 32);
    gp_free(k1);
    gp_free(e);
    return 0;
}

static void aes256_cbc_noiv(const uint8_t key[32], const uint8_t *in, size_t len, uint8_t *out)
{
    struct aes256_ctx aes;
    aes256_set_encrypt_key(&aes, key);
    uint8_t iv[16] = {0};
    cbc_encrypt(&aes, (nettle_cipher_func *)aes256_encrypt, 16, iv, len, out, in);
}

pdf_crypt *pdf_crypt_new(const char *user, const char *owner, unsigned perms)
{
    pdf_crypt *c = gp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t ul = strlen(user), ol = strlen(owner);
    if (ul > 127)
        ul = 127;
    if (ol > 127)
        ol = 127;
    uint8_t salts[32], tail[4];
    if (random_bytes(c->key, 32) || random_bytes(salts, 32) || random_bytes(tail, 4)) {
        gp_free(c);
        return NULL;
    }
    uint8_t h[32];
    /* /U and /UE */
    if (hash_2b((const uint8_t *)user, ul, salts, NULL, h))
        goto fail;
    memcpy(c->u, h, 32);
    memcpy(c->u + 32, salts, 16);
    if (hash_2b((const uint8_t *)user, ul, salts + 8, NULL, h))
        goto fail;
    aes256_cbc_noiv(h, c->key, 32, c->ue);
    /* /O and /OE, over the 48-byte /U */
    if (hash_2b((const uint8_t *)owner, ol, salts + 16, c->u, h))
        goto fail;
    memcpy(c->o, h, 32);
    memcpy(c->o + 32, salts + 16, 16);
    if (hash_2b((const uint8_t *)owner, ol, salts + 24, c->u, h))
        goto fail;
    aes256_cbc_noiv(h, c->key, 32, c->oe);
    /* /P: reserved bits set; 512 (accessibility) always */
    uint32_t p = 0xFFFFF0C0u | 512u;
    if (perms & GP_PERM_PRINT)
        p |= 4u | 2048u;
    if (perms & GP_PERM_COPY)
        p |= 16u;
    if (perms & GP_PERM_MODIFY)
        p |= 8u | 32u | 256u | 1024u;
    c->p = (int32_t)p;
    uint8_t pb[16] = {(uint8_t)p,
                      (uint8_t)(p >> 8),
                      (uint8_t)(p >> 16),
                      (uint8_t)(p >> 24),
                      0xff,
                      0xff,
                      0xff,
                      0xff,
                      'T',
                      'a',
                      'd',
                      'b',
                      tail[0],
                      tail[1],
                      tail[2],
                      tail[3]};
    struct aes256_ctx aes;
    aes256_set_encrypt_key(&aes, c->key);
    aes256_encrypt(&aes, 16, c->perms, pb);
    return c;
fail:
    gp_free(c);
    return NULL;
}

void pdf_crypt_free(pdf_crypt *c)
{
    if (c)
        memset(c, 0, sizeof *c);
    gp_free(c);
}

static void hex(gp_buf *b, const char *key, const uint8_t *v, size_t n)
{
    gp_buf_printf(b, "/%s<", key);
    for (size_t i = 0; i < n; i++)
        gp_buf_printf(b, "%02x", v[i]);
    gp_buf_puts(b, ">");
}

void pdf_crypt_dict(const pdf_crypt *c, gp_buf *b)
{
    gp_buf_printf(b,
                  "<</Filter/Standard/V 5/R 6/Length 256/CF<</StdCF<</AuthEvent/DocOpen"
                  "/CFM/AESV3/Length 32>>>>/StmF/StdCF/StrF/StdCF/P %d",
                  (int)c->p);
    hex(b, "O", c->o, 48);
    hex(b, "U", c->u, 48);
    hex(b, "OE", c->oe, 32);
    hex(b, "UE", c->ue, 32);
    hex(b, "Perms", c->perms, 16);
    gp_buf_puts(b, "/EncryptMetadata true>>");
}

int pdf_crypt_stream(pdf_crypt *c, const unsigned char *data, size_t len, unsigned char **out,
                     size_t *out_len)
{
    size_t pad = 16 - len % 16, n = len + pad;
    unsigned char *buf = gp_malloc(16 + n);
    if (!buf)
        return -1;
    if (random_bytes(buf, 16)) {
        gp_free(buf);
        return -1;
    }
    unsigned char *body = buf + 16;
    if (len)
        memcpy(body, data, len);
    memset(body + len, (int)pad, pad);
    struct aes256_ctx aes;
    aes256_set_encrypt_key(&aes, c->key);
    uint8_t iv[16];
    memcpy(iv, buf, 16);
    cbc_encrypt(&aes, (nettle_cipher_func *)aes256_encrypt, 16, iv, n, body, body);
    *out = buf;
    *out_len = 16 + n;
    return 0;
}
