"""Two small charts drawn with QPainter (no QtCharts): bars by village, lines per day."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldapp.i18n.formats import NO_VALUE, count_text, percent_text

BAR = QColor("#1f6fb2")
TRACK = QColor("#e3e9f0")
AXIS = QColor("#888888")
SERIES_COLOURS = (QColor("#1f6fb2"), QColor("#2e7d32"), QColor("#c77700"), QColor("#7b1fa2"))


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled bar: a part of a whole (the bar shows part/whole, the text both)."""

    label: str
    part: int
    whole: int


@dataclass(frozen=True, slots=True)
class Series:
    """One line: a name and a value per day."""

    name: str
    values: list[int]


class BarChart(QWidget):
    """Horizontal bars, one per village, longest scale = 100% of the whole."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self.lang = lang
        self.title = ""
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, title: str, bars: list[Bar]) -> None:
        """Replace the bars and redraw."""
        self.title, self.bars = title, bars
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for a bar per village."""
        return QSize(420, 60 + 14 * max(len(self.bars), 5))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw the title, then a track and a bar per row with its label and figures."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(4, 2, self.width() - 8, 18), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.bars:
            painter.end()
            return
        small = QFont(font)
        small.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        painter.setFont(small)
        top, bottom = 24.0, self.height() - 4.0
        step = (bottom - top) / len(self.bars)
        label_width = min(150.0, self.width() * 0.36)
        value_width = 92.0
        track_left = label_width + 6
        track_width = max(10.0, self.width() - track_left - value_width - 6)
        for index, bar in enumerate(self.bars):
            y = top + index * step
            height = max(3.0, step * 0.68)
            rect = QRectF(track_left, y + (step - height) / 2, track_width, height)
            painter.fillRect(rect, TRACK)
            share = 0.0 if bar.whole <= 0 else min(1.0, bar.part / bar.whole)
            painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * share, height), BAR)
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(2, y, label_width, step),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            percent = NO_VALUE if bar.whole <= 0 else percent_text(100 * share, self.lang, 1)
            painter.drawText(
                QRectF(track_left + track_width + 4, y, value_width, step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{bar.part}/{bar.whole}  {percent}",
            )
        painter.end()


class LineChart(QWidget):
    """Cumulative counts per day: one line per series, days along the bottom."""

    def __init__(self, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(parent)
        self.lang = lang
        self.title = ""
        self.days: list[str] = []
        self.series: list[Series] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_series(self, title: str, days: list[str], series: list[Series]) -> None:
        """Replace the lines and redraw."""
        self.title, self.days, self.series = title, days, series
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """A comfortable default."""
        return QSize(520, 220)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Draw the axes, a line per series with dots, the day labels and a legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(4, 2, self.width() - 8, 18), Qt.AlignmentFlag.AlignLeft, self.title)
        small = QFont(font)
        small.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        painter.setFont(small)
        if not self.days or not self.series:
            painter.end()
            return
        metrics = painter.fontMetrics()
        legend: list[tuple[float, float, QColor, str]] = []  # x, y, colour, text
        legend_x, legend_y = 46.0, 28.0
        for number, series in enumerate(self.series):
            text = f"{series.name} ({series.values[-1] if series.values else 0})"
            width = 18 + metrics.horizontalAdvance(text)
            if legend_x + width > self.width() - 8 and legend_x > 46.0:
                legend_x, legend_y = 46.0, legend_y + metrics.height() + 2
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            legend.append((legend_x, legend_y, colour, text))
            legend_x += width + 10
        left, right = 46.0, self.width() - 28.0
        top, bottom = legend_y + 14.0, self.height() - 22.0
        peak = max(1, *(max(s.values, default=0) for s in self.series))
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))
        for fraction in (0.0, 0.5, 1.0):
            y = bottom - (bottom - top) * fraction
            painter.drawText(
                QRectF(0, y - 8, left - 4, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                count_text(round(peak * fraction), self.lang),
            )
        count = len(self.days)

        def x_of(index: int) -> float:
            return left + (right - left) * (index / max(1, count - 1))

        label_every = max(1, count // 8)
        for index, label in enumerate(self.days):
            if index % label_every == 0 or index == count - 1:
                painter.drawText(
                    QRectF(x_of(index) - 24, bottom + 3, 48, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
        for number, series in enumerate(self.series):
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            painter.setPen(QPen(colour, 2))
            points = [
                QPointF(x_of(i), bottom - (bottom - top) * (v / peak))
                for i, v in enumerate(series.values)
            ]
            for a, b in pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 2.2, 2.2)
        for x, y, colour, text in legend:
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(x, y), QPointF(x + 14, y))
            painter.setPen(QColor("#222222"))
            painter.drawText(QPointF(x + 18, y + 4), text)
        painter.end()
