;; Dot product of two int8 rows in a shared memory, 16 bytes per SIMD step (WebAssembly SIMD, Node ≥ 16.4).
;; Source of the bytes in int8-dot-wasm.ts: `node scripts/build-wasm.mjs` compiles this file with wabt, and
;; test/numerics/int8-rows.test.ts checks that the two agree.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; Σ a[t]·b[t] over `bytes` bytes (a multiple of 16) starting at byte offsets a and b. Exact: each
  ;; i32x4.dot_i16x8_s lane adds two products of at most 127², far from overflowing 32 bits.
  (func (export "dot") (param $a i32) (param $b i32) (param $bytes i32) (result i32)
    (local $end i32) (local $acc v128) (local $x v128) (local $y v128)
    (local.set $end (i32.add (local.get $a) (local.get $bytes)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (local.set $acc
          (i32x4.add
            (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (i16x8.extend_low_i8x16_s (local.get $y)))))
        (local.set $acc
          (i32x4.add
            (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (i16x8.extend_high_i8x16_s (local.get $y)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
