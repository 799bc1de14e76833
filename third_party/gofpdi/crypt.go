package gofpdi

// Decryption with the empty user password (leakdesk patch, issue 10 §2).
//
// Bank statements, e-invoices and many office exports are encrypted with
// an empty user password and an owner password that only restricts
// printing or copying: every viewer opens them without asking. Their
// strings and streams are still encrypted, so the importer decrypts them
// as it reads each object (PDF 32000-1 §7.6, ISO 32000-2 for AES-256):
// the standard security handler, revisions 2–4 (RC4 40–128 bits, AES-128)
// and 5–6 (AES-256). A file that the empty password does not open — a
// real password is needed — or that uses another handler (certificates)
// fails with an error that starts with "Encrypted:".

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"

	"github.com/pkg/errors"
)

// ErrEncrypted is wrapped by the error of a PDF that cannot be opened
// without a password (or a certificate): its message starts with
// "Encrypted:", which survives a trip through a checker process's stderr.
var ErrEncrypted = errors.New("Encrypted: the PDF needs a password to open")

// passwordPad is the padding of Algorithm 2 (PDF 32000-1 §7.6.3.3).
var passwordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// cipher kinds of a crypt filter.
const (
	cryptNone = iota
	cryptRC4
	cryptAES128
	cryptAES256
)

type decrypter struct {
	key             []byte
	r               int
	str, stm        int // cipher of strings and of streams
	encryptMetadata bool
	encryptID       int // object number of the /Encrypt dictionary (not encrypted)
}

// setupDecryption reads the trailer's /Encrypt and opens it with the
// empty user password.
func (this *PdfReader) setupDecryption() error {
	encSpec := this.trailer.Dictionary["/Encrypt"]
	enc := encSpec
	d := &decrypter{encryptMetadata: true}
	if encSpec.Type == PDF_TYPE_OBJREF {
		d.encryptID = encSpec.Id
		obj, err := this.resolveObject(encSpec)
		if err != nil || obj.Value == nil {
			return errors.Wrap(ErrEncrypted, "the encryption dictionary cannot be read")
		}
		enc = obj.Value
	}
	if enc.Type != PDF_TYPE_DICTIONARY {
		return errors.Wrap(ErrEncrypted, "no encryption dictionary")
	}
	dict := enc.Dictionary
	if f := dict["/Filter"]; f == nil || f.Token != "/Standard" {
		return errors.Wrap(ErrEncrypted, "not the standard security handler")
	}
	v, r := intOf(dict["/V"]), intOf(dict["/R"])
	d.r = r
	if m := dict["/EncryptMetadata"]; m != nil && m.Type == PDF_TYPE_BOOLEAN && !m.Bool {
		d.encryptMetadata = false
	}
	o, u := stringBytes(dict["/O"]), stringBytes(dict["/U"])
	switch {
	case v == 5 && (r == 5 || r == 6):
		d.str, d.stm = cryptAES256, cryptAES256
		if len(u) < 48 || len(stringBytes(dict["/UE"])) < 32 {
			return errors.Wrap(ErrEncrypted, "short /U or /UE")
		}
		var check, inter []byte
		if r == 5 {
			c, i := sha256.Sum256(u[32:40]), sha256.Sum256(u[40:48])
			check, inter = c[:], i[:]
		} else {
			check, inter = hash2B(nil, u[32:40], nil), hash2B(nil, u[40:48], nil)
		}
		if !bytes.Equal(check, u[:32]) {
			return ErrEncrypted
		}
		block, err := aes.NewCipher(inter)
		if err != nil {
			return err
		}
		d.key = make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(d.key, stringBytes(dict["/UE"])[:32])
		if err := d.filters(dict); err != nil {
			return err
		}
	case (v == 1 || v == 2 || v == 4) && r >= 2 && r <= 4:
		n := 5
		if r >= 3 {
			n = intOf(dict["/Length"]) / 8
			if v == 4 || n == 0 {
				n = 16 // V4: 128 bits whatever /Length says
			}
		}
		if n < 5 || n > 16 || len(o) < 32 || len(u) < 16 || (r == 2 && len(u) < 32) {
			return errors.Wrap(ErrEncrypted, "encryption dictionary out of range")
		}
		var id []byte
		if ids := this.trailer.Dictionary["/ID"]; ids != nil && len(ids.Array) > 0 {
			id = stringBytes(ids.Array[0])
		}
		// Algorithm 2 with the empty password: the padding alone.
		h := md5.New()
		h.Write(passwordPad)
		h.Write(o[:32])
		var p [4]byte
		binary.LittleEndian.PutUint32(p[:], uint32(int64(intOf(dict["/P"]))))
		h.Write(p[:])
		h.Write(id)
		if r >= 4 && !d.encryptMetadata {
			h.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF})
		}
		key := h.Sum(nil)[:n]
		if r >= 3 {
			for i := 0; i < 50; i++ {
				s := md5.Sum(key)
				key = s[:n]
			}
		}
		d.key = key
		// Algorithms 4 and 5: is the empty password the user password?
		var check []byte
		if r == 2 {
			check = rc4Crypt(key, passwordPad)
			if !bytes.Equal(check, u[:32]) {
				return ErrEncrypted
			}
		} else {
			s := md5.Sum(append(append([]byte(nil), passwordPad...), id...))
			check = s[:]
			for i := 0; i < 20; i++ {
				k := make([]byte, len(key))
				for j := range key {
					k[j] = key[j] ^ byte(i)
				}
				check = rc4Crypt(k, check)
			}
			if !bytes.Equal(check, u[:16]) {
				return ErrEncrypted
			}
		}
		d.str, d.stm = cryptRC4, cryptRC4
		if v == 4 {
			if err := d.filters(dict); err != nil {
				return err
			}
		}
	default:
		return errors.Wrap(ErrEncrypted, "unknown version "+strconv.Itoa(v)+" revision "+strconv.Itoa(r))
	}
	this.crypt = d
	return nil
}

// filters reads /StmF and /StrF of a V4 or V5 dictionary.
func (d *decrypter) filters(dict map[string]*PdfValue) error {
	var err error
	if d.stm, err = cryptFilter(dict, "/StmF"); err != nil {
		return err
	}
	d.str, err = cryptFilter(dict, "/StrF")
	return err
}

func cryptFilter(dict map[string]*PdfValue, which string) (int, error) {
	name := "/Identity"
	if f := dict[which]; f != nil && f.Type == PDF_TYPE_TOKEN {
		name = f.Token
	}
	if name == "/Identity" {
		return cryptNone, nil
	}
	var cfm string
	if cf := dict["/CF"]; cf != nil {
		if f := cf.Dictionary[name]; f != nil {
			if m := f.Dictionary["/CFM"]; m != nil {
				cfm = m.Token
			}
		}
	}
	switch cfm {
	case "/None":
		return cryptNone, nil
	case "/V2":
		return cryptRC4, nil
	case "/AESV2":
		return cryptAES128, nil
	case "/AESV3":
		return cryptAES256, nil
	}
	return 0, errors.Wrap(ErrEncrypted, "unknown crypt filter "+name+" "+cfm)
}

// hash2B is Algorithm 2.B of ISO 32000-2 (revision 6).
func hash2B(password, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(password)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	for round := 0; ; round++ {
		seq := append(append(append([]byte(nil), password...), k...), udata...)
		k1 := bytes.Repeat(seq, 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var next hash.Hash
		switch sum % 3 {
		case 0:
			next = sha256.New()
		case 1:
			next = sha512.New384()
		default:
			next = sha512.New()
		}
		next.Write(e)
		k = next.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			break
		}
	}
	return k[:32]
}

func rc4Crypt(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey is Algorithm 1's key for one object (revisions 2–4).
func (d *decrypter) objectKey(id, gen int, aes bool) []byte {
	if d.r >= 5 {
		return d.key
	}
	h := md5.New()
	h.Write(d.key)
	h.Write([]byte{byte(id), byte(id >> 8), byte(id >> 16), byte(gen), byte(gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	n := len(d.key) + 5
	if n > 16 {
		n = 16
	}
	return h.Sum(nil)[:n]
}

func (d *decrypter) decrypt(kind, id, gen int, data []byte) ([]byte, error) {
	switch kind {
	case cryptNone:
		return data, nil
	case cryptRC4:
		return rc4Crypt(d.objectKey(id, gen, false), data), nil
	}
	// AES-CBC: a 16-byte IV, then the data with PKCS#5 padding.
	if len(data) < 16 || len(data)%16 != 0 {
		if len(data) == 0 {
			return data, nil
		}
		return nil, errors.New("Encrypted data of a bad length")
	}
	block, err := aes.NewCipher(d.objectKey(id, gen, true))
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	if n := len(out); n > 0 {
		if p := int(out[n-1]); p >= 1 && p <= 16 && p <= n {
			out = out[:n-p]
		}
	}
	return out, nil
}

// decryptObject decrypts the strings and the stream of an object read
// from the file (not of one inside an object stream: the object stream
// itself is decrypted). A string becomes a hex string; a stream's
// /Length becomes the length of the decrypted data.
func (this *PdfReader) decryptObject(obj *PdfValue) error {
	d := this.crypt
	if d == nil || obj == nil || (d.encryptID != 0 && obj.Id == d.encryptID) {
		return nil
	}
	if err := d.decryptStrings(obj.Value, obj.Id, obj.Gen); err != nil {
		return err
	}
	if obj.Type != PDF_TYPE_STREAM || obj.Stream == nil || obj.Value == nil {
		return nil
	}
	dict := obj.Value.Dictionary
	if t := dict["/Type"]; t != nil && (t.Token == "/XRef" || (t.Token == "/Metadata" && !d.encryptMetadata)) {
		return nil
	}
	kind := d.stm
	if f := dict["/Filter"]; f != nil && (f.Token == "/Crypt" || len(f.Array) > 0 && f.Array[0].Token == "/Crypt") {
		// A stream's own crypt filter: only Identity is in use.
		kind = cryptNone
	}
	b, err := d.decrypt(kind, obj.Id, obj.Gen, obj.Stream.Bytes)
	if err != nil {
		return err
	}
	obj.Stream.Bytes = b
	dict["/Length"] = &PdfValue{Type: PDF_TYPE_NUMERIC, Int: len(b), Token: strconv.Itoa(len(b))}
	return nil
}

func (d *decrypter) decryptStrings(v *PdfValue, id, gen int) error {
	if v == nil {
		return nil
	}
	switch v.Type {
	case PDF_TYPE_STRING, PDF_TYPE_HEX:
		b, err := d.decrypt(d.str, id, gen, stringBytes(v))
		if err != nil {
			return err
		}
		v.Type, v.String = PDF_TYPE_HEX, hex.EncodeToString(b)
	case PDF_TYPE_DICTIONARY:
		for _, x := range v.Dictionary {
			if err := d.decryptStrings(x, id, gen); err != nil {
				return err
			}
		}
	case PDF_TYPE_ARRAY:
		for _, x := range v.Array {
			if err := d.decryptStrings(x, id, gen); err != nil {
				return err
			}
		}
	}
	return nil
}

func intOf(v *PdfValue) int {
	if v == nil {
		return 0
	}
	if v.Type == PDF_TYPE_REAL {
		return int(v.Real)
	}
	return v.Int
}

// stringBytes is the value of a literal or hex string as read by
// readValue (which keeps a literal string's escapes and a hex string's
// digits as written).
func stringBytes(v *PdfValue) []byte {
	if v == nil {
		return nil
	}
	switch v.Type {
	case PDF_TYPE_HEX:
		digits := make([]byte, 0, len(v.String)+1)
		for i := 0; i < len(v.String); i++ {
			if c := v.String[i]; c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
				digits = append(digits, c)
			}
		}
		if len(digits)%2 == 1 {
			digits = append(digits, '0')
		}
		out := make([]byte, len(digits)/2)
		hex.Decode(out, digits)
		return out
	case PDF_TYPE_STRING:
		return unescapeLiteral(v.String)
	}
	return nil
}

// unescapeLiteral undoes the escapes of a literal string (§7.3.4.2).
func unescapeLiteral(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			// An end of line in a string is a newline, whatever it was.
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		}
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			if c >= '0' && c <= '7' {
				n := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					n = n*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(n))
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}
