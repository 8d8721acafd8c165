package org.ucbislet.cordblood;

/** Stable merge sort of an {@code int[]} by a comparator of ints: sorts row positions without boxing a million Integers. */
final class IntSort {

  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSort() {
  }

  static void sort(int[] a, IntComparator c) {
    int[] buffer = a.clone();
    mergeSort(buffer, a, 0, a.length, c);
  }

  /** Sorts {@code src[from, to)} into {@code dst[from, to)}; both start with the same content. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator c) {
    int length = to - from;
    if (length < 16) {
      for (int i = from + 1; i < to; i++) {
        int v = dst[i];
        int j = i - 1;
        while (j >= from && c.compare(dst[j], v) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, c);
    mergeSort(dst, src, mid, to, c);
    if (c.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, length);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || p < mid && c.compare(src[p], src[q]) <= 0) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }
}
