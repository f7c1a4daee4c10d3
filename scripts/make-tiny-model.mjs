#!/usr/bin/env node
// Generates fixtures/tiny-model: a tiny BERT-shaped ONNX model plus a WordPiece tokenizer in the
// transformers.js layout, so tests and the embed benchmark can run the real transformer path
// without downloading anything. Deterministic: same output on every run.
//
//   npm run build && node scripts/make-tiny-model.mjs [outDir] [--hidden 32] [--layers 1] [--max-tokens 64]
//
// Graph (per token, so padding never changes a real token's output):
//   x = WordEmb[input_ids] + TypeEmb[token_type_ids]
//   last_hidden_state = tanh(x·W + b) * attention_mask
// model_quantized.onnx stores WordEmb as uint8 + scale/zero point behind a DequantizeLinear node,
// the way dynamic-quantized hub models keep their big tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { mulberry32 as seededRandom } from '../dist/numerics/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const outDir = resolve(positional[0] ?? join(here, '..', 'fixtures', 'tiny-model'));
// --hidden/--layers make a heavier model for benchmarks (e.g. --hidden 384 --layers 72 costs about
// as many multiply-adds per token as MiniLM-L12); the committed fixture uses the defaults.
const HIDDEN = option('hidden', 32);
const LAYERS = option('layers', 1);
const MAX_TOKENS = option('max-tokens', 64);

// The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) this model needs; field numbers as upstream.
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1; float f = 2; int64 i = 3; bytes s = 4; TensorProto t = 5;
  repeated float floats = 7; repeated int64 ints = 8; int32 type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4;
  repeated AttributeProto attribute = 5; string domain = 7;
}
message ModelProto {
  int64 ir_version = 1; string producer_name = 2; string producer_version = 3;
  GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1; int32 data_type = 2; string name = 8; bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { int64 dim_value = 1; string dim_param = 2; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  Tensor tensor_type = 1;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;
const FLOAT = 1;
const UINT8 = 2;
const INT64 = 7;
const ATTR_INT = 2;

// Words of typical support tickets, English and Russian, plus single letters as whole words and
// ##-continuations so every word tokenizes without [UNK].
const WORDS = `password reset login log in account locked cannot can't can not sign up email code sms
payment paid pay card charged twice refund money back order delivery late courier package parcel
where is my not arrived tracking app crash crashes error update install phone android iphone
subscription cancel cancelled invoice receipt price discount promo coupon address change wrong
item broken damaged return exchange support help please thanks hello hi the a to and of for on
with it was has have been i we you it's your our this that when after before today yesterday
week days hours still no yes works working doesn't does slow page site website loading
пароль сброс сбросить вход войти не могу аккаунт заблокирован почта код смс оплата оплатил
оплатить карта списали дважды возврат деньги вернуть заказ доставка опоздал курьер посылка где
мой моя мои пришел пришла трекинг приложение вылетает ошибка обновление установить телефон
подписка отменить отмена счет чек цена скидка промокод адрес изменить неправильный товар
сломан поврежден обмен поддержка помогите пожалуйста спасибо здравствуйте привет и в на с по
для что это когда после до сегодня вчера неделю дней часов все еще нет да работает медленно
сайт страница загружается`
  .split(/\s+/)
  .filter(Boolean);
const LETTERS = 'abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя0123456789';
const PUNCT = `.,!?:;'"()-/@#%&*+=_[]{}<>|\\~\`$^№«»—…`;
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

function buildVocab() {
  const tokens = [...SPECIALS];
  const seen = new Set(tokens);
  const add = (t) => {
    if (!seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  for (const w of WORDS) add(w);
  for (const ch of LETTERS) add(ch);
  for (const ch of LETTERS) add(`##${ch}`);
  for (const ch of PUNCT) add(ch);
  return Object.fromEntries(tokens.map((t, i) => [t, i]));
}

function tokenizerJson(vocab) {
  const special = (content) => ({
    id: vocab[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function floatTensor(name, dims, values) {
  return { name, dims, data_type: FLOAT, raw_data: Buffer.from(Float32Array.from(values).buffer) };
}

function tensorInfo(name, elemType, dims) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** Builds the graph; `quantized` keeps the word table as uint8 behind DequantizeLinear. */
function buildModel(vocabSize, quantized) {
  const rand = seededRandom(20240607);
  const normal = () => (rand() + rand() + rand() - 1.5) * 1.2; // rough bell shape, enough for a fixture
  const wordEmb = Array.from({ length: vocabSize * HIDDEN }, normal);
  const typeEmb = Array.from({ length: 2 * HIDDEN }, () => normal() * 0.1);
  const weights = Array.from({ length: HIDDEN * HIDDEN }, () => normal() / Math.sqrt(HIDDEN));
  const bias = Array.from({ length: HIDDEN }, () => normal() * 0.05);

  const initializer = [
    floatTensor('type_emb', [2, HIDDEN], typeEmb),
    floatTensor('dense_w', [HIDDEN, HIDDEN], weights),
    floatTensor('dense_b', [HIDDEN], bias),
    { name: 'unsqueeze_axes', dims: [1], data_type: INT64, raw_data: Buffer.from(BigInt64Array.from([-1n]).buffer) },
  ];
  const node = [];
  if (quantized) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of wordEmb) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const scale = (hi - lo) / 255;
    const zeroPoint = Math.round(-lo / scale);
    const q = Uint8Array.from(wordEmb, (v) => Math.max(0, Math.min(255, Math.round(v / scale) + zeroPoint)));
    initializer.push(
      { name: 'word_emb_q', dims: [vocabSize, HIDDEN], data_type: UINT8, raw_data: Buffer.from(q) },
      floatTensor('word_emb_scale', [], [scale]),
      { name: 'word_emb_zero', dims: [], data_type: UINT8, raw_data: Buffer.from([zeroPoint]) },
    );
    node.push({
      op_type: 'DequantizeLinear',
      name: 'dequant_word_emb',
      input: ['word_emb_q', 'word_emb_scale', 'word_emb_zero'],
      output: ['word_emb'],
    });
  } else {
    initializer.push(floatTensor('word_emb', [vocabSize, HIDDEN], wordEmb));
  }
  node.push(
    {
      op_type: 'Gather',
      name: 'word_lookup',
      input: ['word_emb', 'input_ids'],
      output: ['word_vec'],
      attribute: [{ name: 'axis', i: 0, type: ATTR_INT }],
    },
    {
      op_type: 'Gather',
      name: 'type_lookup',
      input: ['type_emb', 'token_type_ids'],
      output: ['type_vec'],
      attribute: [{ name: 'axis', i: 0, type: ATTR_INT }],
    },
    { op_type: 'Add', name: 'embed_sum', input: ['word_vec', 'type_vec'], output: ['embedded'] },
    { op_type: 'MatMul', name: 'dense', input: ['embedded', 'dense_w'], output: ['dense_out'] },
    { op_type: 'Add', name: 'dense_bias', input: ['dense_out', 'dense_b'], output: ['biased'] },
    { op_type: 'Tanh', name: 'activation', input: ['biased'], output: [LAYERS > 1 ? 'layer_1' : 'activated'] },
    {
      op_type: 'Cast',
      name: 'mask_float',
      input: ['attention_mask'],
      output: ['mask_f'],
      attribute: [{ name: 'to', i: FLOAT, type: ATTR_INT }],
    },
    { op_type: 'Unsqueeze', name: 'mask_expand', input: ['mask_f', 'unsqueeze_axes'], output: ['mask_3d'] },
    { op_type: 'Mul', name: 'masked', input: ['activated', 'mask_3d'], output: ['last_hidden_state'] },
  );
  for (let l = 2; l <= LAYERS; l++) {
    initializer.push(
      floatTensor(
        `dense_w_${l}`,
        [HIDDEN, HIDDEN],
        Array.from({ length: HIDDEN * HIDDEN }, () => normal() / Math.sqrt(HIDDEN)),
      ),
    );
    node.splice(
      node.length - 2,
      0,
      { op_type: 'MatMul', name: `dense_${l}`, input: [`layer_${l - 1}`, `dense_w_${l}`], output: [`dense_out_${l}`] },
      {
        op_type: 'Tanh',
        name: `activation_${l}`,
        input: [`dense_out_${l}`],
        output: [l === LAYERS ? 'activated' : `layer_${l}`],
      },
    );
  }
  return {
    ir_version: 8,
    producer_name: 'tickets/make-tiny-model',
    producer_version: '1',
    opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny_bert',
      node,
      initializer,
      input: [
        tensorInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
        tensorInfo('attention_mask', INT64, ['batch_size', 'sequence_length']),
        tensorInfo('token_type_ids', INT64, ['batch_size', 'sequence_length']),
      ],
      output: [tensorInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', HIDDEN])],
    },
  };
}

const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');
const encode = (model) => {
  const err = ModelProto.verify(model);
  if (err) throw new Error(`invalid ONNX model: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
};

const vocab = buildVocab();
const vocabSize = Object.keys(vocab).length;
mkdirSync(join(outDir, 'onnx'), { recursive: true });
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
writeFileSync(
  join(outDir, 'config.json'),
  json({
    _name_or_path: 'tickets/tiny-model',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: HIDDEN,
    intermediate_size: HIDDEN,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    max_position_embeddings: MAX_TOKENS,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
  }),
);
writeFileSync(join(outDir, 'tokenizer.json'), json(tokenizerJson(vocab)));
writeFileSync(
  join(outDir, 'tokenizer_config.json'),
  json({
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    model_max_length: MAX_TOKENS,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  }),
);
writeFileSync(join(outDir, 'onnx', 'model.onnx'), encode(buildModel(vocabSize, false)));
writeFileSync(join(outDir, 'onnx', 'model_quantized.onnx'), encode(buildModel(vocabSize, true)));
console.log(`tiny model written to ${outDir} (vocabulary ${vocabSize}, hidden ${HIDDEN}, max tokens ${MAX_TOKENS})`);
