package studio.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import studio.engine.image.RgbImage;
import studio.ui.fx.FxImages;

/** The window side of files: dialogs, drag-and-drop and the clipboard, feeding the view model's commands. */
final class FileActions {
    private static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");

    private final StudioViewModel vm;
    private final Path outputsFolder;
    private Window owner;

    FileActions(StudioViewModel vm, Path outputsFolder) {
        this.vm = vm;
        this.outputsFolder = outputsFolder;
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    void open() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            vm.openImage(file.toPath());
        }
    }

    void exportCanvas() {
        File file = saveDialog("Export canvas as PNG", "canvas.png");
        if (file != null) {
            vm.exportCanvas(file.toPath());
        }
    }

    void exportResult() {
        File file = saveDialog("Export result as PNG", "result.png");
        if (file != null) {
            vm.exportResult(file.toPath());
        }
    }

    /** Copies the result in view, or else the canvas picture, to the clipboard. */
    void copy() {
        RgbImage image = vm.staging().currentProperty().get() != null || vm.history().selectedProperty().get() != null
                ? vm.resultImage() : vm.canvasImage();
        if (image == null) {
            vm.notify(Notice.Kind.ERROR, "Nothing to copy: the canvas is empty and no result is selected.");
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putImage(FxImages.toFx(image));
        Clipboard.getSystemClipboard().setContent(content);
        vm.status().ended("Copied " + image.width() + "×" + image.height() + " image");
    }

    /** Opens an image from the clipboard (pixels or a copied file). */
    void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage()) {
            Image image = clipboard.getImage();
            vm.openImage(FxImages.fromFx(image));
        } else if (clipboard.hasFiles() && imageFile(clipboard.getFiles()) != null) {
            vm.openImage(imageFile(clipboard.getFiles()).toPath());
        } else {
            vm.notify(Notice.Kind.ERROR, "The clipboard holds no image to paste.");
        }
    }

    /** Lets image files be dropped on {@code target}. */
    void acceptDrops(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && imageFile(e.getDragboard().getFiles()) != null
                    || e.getDragboard().hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            File file = e.getDragboard().hasFiles() ? imageFile(e.getDragboard().getFiles()) : null;
            if (file != null) {
                vm.openImage(file.toPath());
                e.setDropCompleted(true);
            } else if (e.getDragboard().hasImage()) {
                vm.openImage(FxImages.fromFx(e.getDragboard().getImage()));
                e.setDropCompleted(true);
            }
            e.consume();
        });
    }

    private File saveDialog(String title, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        if (outputsFolder != null && outputsFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(outputsFolder.toFile());
        }
        File file = chooser.showSaveDialog(owner);
        if (file != null && !file.getName().toLowerCase(Locale.ROOT).endsWith(".png")) {
            file = new File(file.getPath() + ".png");
        }
        return file;
    }

    private static File imageFile(List<File> files) {
        for (File f : files) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            if (dot >= 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1))) {
                return f;
            }
        }
        return null;
    }
}
