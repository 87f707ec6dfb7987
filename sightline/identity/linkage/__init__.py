"""Record linkage: the pure features a linkage model compares, and the engine that scores them."""
