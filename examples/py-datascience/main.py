import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

if __name__ == "__main__":
    df = pd.DataFrame({"x": np.arange(5), "y": np.arange(5) ** 2})
    print(f"sum of squares: {df['y'].sum()}")
    fig, ax = plt.subplots()
    ax.plot(df["x"], df["y"])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    is_png = buf.getvalue()[:4] == b"\x89PNG"
    print(f"png: {is_png}")
