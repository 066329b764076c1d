"""The Arms Transfers Explorer dashboard (Plotly Dash) over the local store."""

import os

# Arrow's buffers from the C library's allocator, set before pyarrow first allocates (pandas
# imports it): Arrow's own code asks for its default pool directly, so `pa.set_memory_pool`
# alone leaves those reads on mimalloc, whose pages a worker never gets back (~20 MB per worker
# with three full-size releases; see dashboard.data.use_system_allocator). A value the
# environment already gives is kept.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
