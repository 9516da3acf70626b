package dev.parley.desktop.profile;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.AccessibleRole;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;

/**
 * Shows a picture with a square selection over it, shaded outside, that the user moves and resizes: drag inside the
 * square to move it, drag its bottom-right handle to resize it, click elsewhere to centre it there; with the keyboard
 * (the view takes the focus), the arrow keys move it and Shift+arrow keys resize it (Right and Down grow, Left and Up
 * shrink). The square is kept in the picture's pixels ({@link AvatarEditor#selectionProperty()}); this view only
 * converts to and from its own scale. FX thread only.
 */
final class CropView extends Region {
    /** The side of the square area the picture is fitted into. */
    static final double VIEW_SIZE = 280;
    private static final double HANDLE = 14;

    private final ObservableValue<Picture> picture;
    private final ObjectProperty<CropSquare> selection;
    private final ImageView image = new ImageView();
    private final Path shade = new Path();
    private final Rectangle frame = new Rectangle();
    private final Rectangle handle = new Rectangle(HANDLE, HANDLE);
    private double pressX;
    private double pressY;
    private CropSquare pressed;
    private boolean resizing;

    CropView(ObservableValue<Picture> picture, ObjectProperty<CropSquare> selection) {
        this.picture = Objects.requireNonNull(picture, "picture");
        this.selection = Objects.requireNonNull(selection, "selection");
        getStyleClass().add("crop-view");
        shade.getStyleClass().add("crop-shade");
        shade.setFillRule(FillRule.EVEN_ODD);
        frame.getStyleClass().add("crop-frame");
        handle.getStyleClass().add("crop-handle");
        shade.setMouseTransparent(true);
        frame.setMouseTransparent(true);
        handle.setMouseTransparent(true);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        getChildren().addAll(image, shade, frame, handle);
        setMinSize(VIEW_SIZE, VIEW_SIZE);
        setPrefSize(VIEW_SIZE, VIEW_SIZE);
        setMaxSize(VIEW_SIZE, VIEW_SIZE);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setAccessibleText("Picture crop: arrow keys move the square, Shift and arrow keys resize it");
        picture.addListener((o, old, now) -> redraw());
        selection.addListener((o, old, now) -> redraw());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        redraw();
    }

    /** View pixels per picture pixel. */
    private double scale() {
        Picture p = picture.getValue();
        return p == null ? 1 : Math.min(VIEW_SIZE / p.width(), VIEW_SIZE / p.height());
    }

    private double offsetX() {
        Picture p = picture.getValue();
        return p == null ? 0 : (VIEW_SIZE - p.width() * scale()) / 2;
    }

    private double offsetY() {
        Picture p = picture.getValue();
        return p == null ? 0 : (VIEW_SIZE - p.height() * scale()) / 2;
    }

    private void redraw() {
        Picture p = picture.getValue();
        CropSquare sq = selection.get();
        boolean shown = p != null && sq != null;
        image.setImage(p == null ? null : p.image());
        shade.setVisible(shown);
        frame.setVisible(shown);
        handle.setVisible(shown);
        if (!shown) {
            return;
        }
        double s = scale();
        double ox = offsetX();
        double oy = offsetY();
        image.setFitWidth(p.width() * s);
        image.setFitHeight(p.height() * s);
        image.relocate(ox, oy);
        double x = ox + sq.x() * s;
        double y = oy + sq.y() * s;
        double side = sq.side() * s;
        double w = p.width() * s;
        double h = p.height() * s;
        shade.getElements().setAll(new MoveTo(ox, oy), new LineTo(ox + w, oy), new LineTo(ox + w, oy + h),
                new LineTo(ox, oy + h), new LineTo(ox, oy), new MoveTo(x, y), new LineTo(x + side, y),
                new LineTo(x + side, y + side), new LineTo(x, y + side), new LineTo(x, y));
        frame.setX(x);
        frame.setY(y);
        frame.setWidth(side);
        frame.setHeight(side);
        handle.setX(x + side - HANDLE / 2);
        handle.setY(y + side - HANDLE / 2);
    }

    private void pressed(MouseEvent event) {
        requestFocus();
        Picture p = picture.getValue();
        CropSquare sq = selection.get();
        if (p == null || sq == null) {
            return;
        }
        double s = scale();
        double x = offsetX() + sq.x() * s;
        double y = offsetY() + sq.y() * s;
        double side = sq.side() * s;
        double mx = event.getX();
        double my = event.getY();
        resizing = Math.abs(mx - (x + side)) <= HANDLE && Math.abs(my - (y + side)) <= HANDLE;
        boolean inside = mx >= x && mx <= x + side && my >= y && my <= y + side;
        if (!resizing && !inside) {
            // Centre the square on the click, then drag on from there.
            sq = sq.moved((mx - x - side / 2) / s, (my - y - side / 2) / s, p.width(), p.height());
            selection.set(sq);
        }
        pressX = mx;
        pressY = my;
        pressed = sq;
        event.consume();
    }

    private void dragged(MouseEvent event) {
        Picture p = picture.getValue();
        if (p == null || pressed == null) {
            return;
        }
        double dx = (event.getX() - pressX) / scale();
        double dy = (event.getY() - pressY) / scale();
        selection.set(resizing ? pressed.resized(Math.max(dx, dy), p.width(), p.height())
                : pressed.moved(dx, dy, p.width(), p.height()));
        event.consume();
    }

    private void key(KeyEvent event) {
        Picture p = picture.getValue();
        CropSquare sq = selection.get();
        if (p == null || sq == null) {
            return;
        }
        double step = Math.max(1, Math.min(p.width(), p.height()) / 50.0);
        int dx = switch (event.getCode()) {
            case LEFT -> -1;
            case RIGHT -> 1;
            default -> 0;
        };
        int dy = switch (event.getCode()) {
            case UP -> -1;
            case DOWN -> 1;
            default -> 0;
        };
        if (dx == 0 && dy == 0) {
            return;
        }
        selection.set(event.isShiftDown() ? sq.resized((dx + dy) * step, p.width(), p.height())
                : sq.moved(dx * step, dy * step, p.width(), p.height()));
        event.consume();
    }
}
