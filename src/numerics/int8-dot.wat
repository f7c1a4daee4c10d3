;; Dot product of two int8 rows in a shared memory, 16 bytes per SIMD step (WebAssembly SIMD, Node ≥ 16.4).
;; Source of the bytes in int8-dot-wasm.ts: `node scripts/build-wasm.mjs` compiles this file with wabt, and
;; test/numerics/int8-rows.test.ts checks that the two agree.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; Σ a[t]·b[t] over `bytes` bytes (a multiple of 16) starting at byte offsets a and b. Exact: each
  ;; i32x4.dot_i16x8_s lane adds two products of at most 127², far from overflowing 32 bits.
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $bytes i32) (result i32)
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
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
  ;; Each row of a list against one row: out[c] = dot(order[c]·stride, normal) for c < count, order and out
  ;; being i32 arrays in this memory. One call per list, not per row: the loads of successive rows overlap.
  (func (export "project") (param $order i32) (param $count i32) (param $normal i32) (param $stride i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $order) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $order) (local.get $end)))
        (i32.store
          (local.get $out)
          (call $dot (i32.mul (i32.load (local.get $order)) (local.get $stride)) (local.get $normal) (local.get $stride)))
        (local.set $order (i32.add (local.get $order) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $next)))))
