"""QGIS as a real client of Hatang's OGC API - Features and vector tiles.

Run with Debian's /usr/bin/python3 (python3-qgis), one check per process because a QGIS crash
is a segmentation fault. Prints one JSON object on its last line.

  qgis-client.py layers BASE_URL NAME[,NAME…]        -> {"NAME": featureCount, …}
  qgis-client.py bbox BASE_URL NAME minx miny maxx maxy -> {"count": n}
  qgis-client.py tiles TILE_URL_TEMPLATE Z X Y        -> {"valid": bool, "painted": pixels}
    (renders tile Z/X/Y of the layer offscreen with a plain point style: QGIS 3.22's Python API
    has no MVT decoder, so the proof that it read the tile is what it draws)
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import math  # noqa: E402

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
    QgsVectorTileBasicRenderer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

QgsApplication.setPrefixPath("/usr", True)
qgs = QgsApplication([], False)
qgs.initQgis()


def oapif(base, name):
    return QgsVectorLayer(f"url='{base}' typename='{name}'", name, "OAPIF")


def main(argv):
    check = argv[1]
    if check == "layers":
        base, names = argv[2], argv[3].split(",")
        counts = {}
        for name in names:
            layer = oapif(base, name)
            counts[name] = layer.featureCount() if layer.isValid() else -1
        return counts
    if check == "bbox":
        base, name = argv[2], argv[3]
        rect = QgsRectangle(*[float(v) for v in argv[4:8]])
        layer = oapif(base, name)
        if not layer.isValid():
            return {"count": -1}
        request = QgsFeatureRequest().setFilterRect(rect)
        return {"count": sum(1 for _ in layer.getFeatures(request))}
    if check == "tiles":
        z, x, y = (int(v) for v in argv[3:6])
        layer = QgsVectorTileLayer(f"type=xyz&url={argv[2]}&zmin={z}&zmax={z}", "vt")
        if not layer.isValid():
            return {"valid": False, "painted": 0}
        red = QColor(255, 0, 0)
        renderer = QgsVectorTileBasicRenderer()
        renderer.setStyles(QgsVectorTileBasicRenderer.simpleStyle(red, red, 1, red, 1, red, red, 4))
        layer.setRenderer(renderer)
        # The tile's extent in Web Mercator metres.
        half = 20037508.342789244
        size = 2 * half / 2**z
        extent = QgsRectangle(-half + x * size, half - (y + 1) * size, -half + (x + 1) * size, half - y * size)
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        settings.setExtent(extent)
        settings.setOutputSize(QSize(256, 256))
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        painted = sum(
            1 for px in range(0, 256, 2) for py in range(0, 256, 2) if QColor(image.pixel(px, py)).red() > 128
        )
        return {"valid": True, "painted": painted}
    raise SystemExit(f"unknown check {check}")


result = main(sys.argv)
print(json.dumps(result))
sys.stdout.flush()
qgs.exitQgis()
